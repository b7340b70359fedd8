package dev.microdrop.local.scheduler;

import dev.microdrop.local.net.Destination;

/**
 * Where a schedule delivers, and what happens when delivery fails.
 *
 * @param input               delivered as is (Scheduler passes a templated Lambda or SQS target its Input
 *                            unchanged); null if the schedule has none
 * @param maximumRetryAttempts retries after the first attempt
 * @param deadLetter          the SQS queue a firing goes to once retries are exhausted; null for none
 */
record ScheduleTarget(Destination destination, String roleArn, String input, int maximumRetryAttempts,
                      int maximumEventAgeInSeconds, Destination deadLetter) {
}
