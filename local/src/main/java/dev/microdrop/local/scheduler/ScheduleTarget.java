package dev.microdrop.local.scheduler;

/**
 * Where a schedule delivers, and what happens when delivery fails.
 *
 * @param input               delivered as is (Scheduler passes a templated Lambda or SQS target its Input
 *                            unchanged); null if the schedule has none
 * @param maximumRetryAttempts retries after the first attempt
 * @param deadLetter          the SQS queue a firing goes to once retries are exhausted; null for none
 * @param messageGroupId      for a FIFO queue target
 */
record ScheduleTarget(Destination destination, String roleArn, String input, int maximumRetryAttempts,
                      int maximumEventAgeInSeconds, Destination deadLetter, String messageGroupId) {
}
