package broadsheet.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroupOptions;
import software.constructs.Construct;

/**
 * Who may write articles: a Cognito user pool without self sign-up (accounts are created by an
 * administrator), an app client for the editing tools, and the {@code editors} group that the
 * API checks in the token's {@code cognito:groups} claim.
 */
public final class Editors extends Construct {

    public static final String EDITOR_GROUP = "editors";
    public static final String GROUP_CLAIM = "cognito:groups";

    private final UserPool userPool;
    private final UserPoolClient client;

    public Editors(Construct scope, String id, StageSettings stage) {
        super(scope, id);
        this.userPool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .signInCaseSensitive(false)
                .featurePlan(FeaturePlan.ESSENTIALS)
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(false)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(stage.production())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        this.client = userPool.addClient("EditorClient", UserPoolClientOptions.builder()
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .preventUserExistenceErrors(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .enableTokenRevocation(true)
                .build());
        userPool.addGroup("EditorsGroup", UserPoolGroupOptions.builder()
                .groupName(EDITOR_GROUP)
                .description("May create, change and delete articles")
                .build());
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient client() {
        return client;
    }
}
