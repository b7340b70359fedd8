package dev.microdrop.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPoolUser;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * How the drop's merchant signs in to the dashboard in a browser: an Amazon Cognito user pool with no self sign-up
 * (the merchant is invited by e-mail, {@code -c merchantEmail=...}), a strong password policy and optional TOTP
 * MFA, and an app client without a secret for the dashboard: the authorization code flow with PKCE through the
 * pool's hosted sign-in pages, which the dashboard reaches with plain redirects and one {@code fetch} to the token
 * endpoint (no SDK). The merchant function verifies the tokens itself ({@code MerchantTokens}).
 *
 * <p>The client's callback URL names the CloudFront distribution, which routes to the merchant function, so the
 * client is created after that function and its id cannot be in the function's environment (CloudFormation would
 * see a cycle). The client id goes to an SSM parameter with a name known in advance,
 * {@code /<stack name>/merchant-sign-in-client-id}, which the function reads on its first token.
 */
public final class MerchantSignIn extends Construct {

    /** The parameter's name after the stack's name: SAM's template writes the same one (SamTemplateCdkTest). */
    static final String CLIENT_ID_PARAMETER_SUFFIX = "/merchant-sign-in-client-id";

    private final UserPool pool;
    private final UserPoolDomain domain;
    private final String stackName;
    private UserPoolClient client;

    /**
     * The pool, its hosted pages' domain and the invited merchant; the dashboard's client comes with
     * {@link #dashboardClient}, once the distribution exists.
     *
     * @param merchantEmail the merchant to invite, if known at synth time
     * @param domainPrefix  the hosted pages' domain prefix, or empty for {@code microdrop-<dropId>-<8 characters of
     *                      the stack's id>} (prefixes are global to a region, so the stack id keeps it unique)
     */
    public MerchantSignIn(Construct scope, String id, String dropId, String stackName, Optional<String> merchantEmail,
                          Optional<String> domainPrefix) {
        super(scope, id);
        this.stackName = stackName;
        pool = UserPool.Builder.create(this, "UserPool")
                .userPoolName(stackName + "-merchant")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12).requireLowercase(true).requireUppercase(true).requireDigits(true)
                        .requireSymbols(true).tempPasswordValidity(Duration.days(3)).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .userInvitation(UserInvitationConfig.builder()
                        .emailSubject("Your microdrop dashboard for " + dropId)
                        .emailBody("You are invited to run the drop " + dropId + ". Sign in at your drop's dashboard "
                                + "(the address your operator sent, ending in /dashboard/) with the e-mail {username} "
                                + "and the temporary password {####}; you then choose your own password, and can "
                                + "turn on an authenticator app.")
                        .build())
                .build();
        domain = pool.addDomain("Domain", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(domainPrefix.orElseGet(() ->
                        "microdrop-" + dropId + "-" + Fn.select(0, Fn.split("-", Fn.select(2, Fn.split("/", Aws.STACK_ID))))))
                        .build())
                .build());
        merchantEmail.ifPresent(email -> CfnUserPoolUser.Builder.create(this, "Merchant")
                .userPoolId(pool.getUserPoolId())
                .username(email)
                .desiredDeliveryMediums(List.of("EMAIL"))
                .userAttributes(List.of(
                        CfnUserPoolUser.AttributeTypeProperty.builder().name("email").value(email).build(),
                        CfnUserPoolUser.AttributeTypeProperty.builder().name("email_verified").value("true").build()))
                .build());
    }

    /**
     * The dashboard's app client, and the parameter that hands its id to the merchant function.
     *
     * @param dashboardUrl {@code https://<distribution>/dashboard/}: where the hosted pages send the merchant back
     */
    public UserPoolClient dashboardClient(String dashboardUrl) {
        client = pool.addClient("DashboardClient", UserPoolClientOptions.builder()
                .userPoolClientName("dashboard")
                .generateSecret(false)
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
                        // COGNITO_ADMIN lets the signed-in merchant turn TOTP on from the dashboard.
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.COGNITO_ADMIN))
                        .callbackUrls(List.of(dashboardUrl))
                        .logoutUrls(List.of(dashboardUrl))
                        .build())
                .preventUserExistenceErrors(true)
                .idTokenValidity(Duration.hours(1))
                .accessTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.hours(12))
                .build());
        StringParameter.Builder.create(this, "ClientIdParameter")
                .parameterName(clientIdParameter(stackName))
                .description("The dashboard's app client id, which the merchant function accepts tokens for")
                .stringValue(client.getUserPoolClientId())
                .build();
        return client;
    }

    static String clientIdParameter(String stackName) {
        return "/" + stackName + CLIENT_ID_PARAMETER_SUFFIX;
    }

    /** What the dashboard reads from config.json to start a sign-in. */
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", "cognito");
        config.put("userPoolId", pool.getUserPoolId());
        config.put("clientId", client.getUserPoolClientId());
        config.put("region", Stack.of(this).getRegion());
        config.put("domain", domain.getDomainName() + ".auth." + Stack.of(this).getRegion() + ".amazoncognito.com");
        return config;
    }

    public UserPool pool() {
        return pool;
    }

    public UserPoolClient client() {
        return client;
    }

    public UserPoolDomain domain() {
        return domain;
    }
}
