package dev.microdrop.cdk;

import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.SecretsManagerSecretOptions;

/**
 * One Secrets Manager secret holding a JSON object, whose fields the stacks pass to functions as CloudFormation
 * dynamic references ({@code {{resolve:secretsmanager:<name>:SecretString:<field>::}}}): the template, {@code cdk.out}
 * and CI logs hold only the reference, and CloudFormation resolves it at deploy time. A drop's secret is
 * {@code microdrop/<dropId>} ({@link DropStack}), a shop's {@code microdrop-shop/<shop>} ({@link ShopStack}).
 *
 * @param secretName the secret's name
 */
record SecretFields(String secretName) {

    /** The reference to {@code jsonField} of the secret; a field missing from the secret fails the deploy. */
    String field(String jsonField) {
        return SecretValue.secretsManager(secretName, SecretsManagerSecretOptions.builder()
                .jsonField(jsonField).build()).unsafeUnwrap();
    }
}
