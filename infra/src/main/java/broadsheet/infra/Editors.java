package broadsheet.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnManagedLoginBranding;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.ManagedLoginVersion;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.SignInUrlOptions;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
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
 * Who may write: a Cognito user pool without self sign-up (accounts are created by an
 * administrator), the {@code editors} group that the API checks in the token's
 * {@code cognito:groups} claim and a {@code contributors} group beside it, and two app clients:
 * <ul>
 * <li>the editor app in the browser ({@code <site>/admin/}): Cognito managed login on the
 * stage's prefix domain, authorization code grant with PKCE, no client secret (a browser can
 * keep none), scopes {@code openid email profile};</li>
 * <li>the command line ({@code infra/bin/token}): {@code USER_PASSWORD_AUTH}, no OAuth, so a
 * script can get a token with the AWS CLI alone.</li>
 * </ul>
 * Both are public clients; the HTTP API accepts tokens of either.
 */
public final class Editors extends Construct {

    public static final String EDITOR_GROUP = "editors";
    public static final String CONTRIBUTOR_GROUP = "contributors";
    public static final String GROUP_CLAIM = "cognito:groups";
    /**
     * Where managed login sends the browser back with the authorization code: a route of the
     * editor app (served as {@code admin/index.html}, see {@link EditorApp}), registered with its
     * trailing slash so that no redirect stands between Cognito and the app.
     */
    public static final String CALLBACK_PATH = "/admin/callback/";
    /** Where managed login sends the browser after signing out. */
    public static final String SIGNED_OUT_PATH = "/admin/";
    public static final int MIN_PASSWORD_LENGTH = 14;

    private final UserPool userPool;
    private final UserPoolClient appClient;
    private final UserPoolClient cliClient;
    private final UserPoolDomain domain;
    private final String callbackUrl;
    private final String signedOutUrl;

    /**
     * @param siteBaseUrl {@code https://<site host>} without a trailing slash: the distribution's
     *                    domain or the custom domain, where the editor app lives
     */
    public Editors(Construct scope, String id, StageSettings stage, String siteBaseUrl) {
        super(scope, id);
        this.userPool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .signInCaseSensitive(false)
                // Threat protection (compromised credentials, adaptive authentication) needs the
                // Plus plan; for a newsroom's few dozen editors its per-user price is small.
                .featurePlan(FeaturePlan.PLUS)
                .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(MIN_PASSWORD_LENGTH)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(stage.production())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        // A prefix domain is unique per region across all accounts: the account id keeps ours so.
        this.domain = userPool.addDomain("ManagedLogin", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder()
                        .domainPrefix("broadsheet-" + stage.name() + "-" + Stack.of(this).getAccount())
                        .build())
                .managedLoginVersion(ManagedLoginVersion.NEWER_MANAGED_LOGIN)
                .build());
        this.callbackUrl = siteBaseUrl + CALLBACK_PATH;
        this.signedOutUrl = siteBaseUrl + SIGNED_OUT_PATH;
        this.appClient = userPool.addClient("EditorClient", UserPoolClientOptions.builder()
                .userPoolClientName("broadsheet-" + stage.name() + "-editor-app")
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .oAuth(OAuthSettings.builder()
                        // the code grant; a public client proves itself with PKCE (code_challenge S256)
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
                        .callbackUrls(List.of(callbackUrl))
                        .logoutUrls(List.of(signedOutUrl))
                        .build())
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                .preventUserExistenceErrors(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .enableTokenRevocation(true)
                .build());
        this.cliClient = userPool.addClient("CliClient", UserPoolClientOptions.builder()
                .userPoolClientName("broadsheet-" + stage.name() + "-cli")
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userPassword(true).build())
                .disableOAuth(true)
                .preventUserExistenceErrors(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(1))
                .enableTokenRevocation(true)
                .build());
        // Managed login (the newer version) shows a client's sign-in page only once the client
        // has a branding style; Cognito's default style is enough.
        CfnManagedLoginBranding branding = CfnManagedLoginBranding.Builder.create(this, "ManagedLoginBranding")
                .userPoolId(userPool.getUserPoolId())
                .clientId(appClient.getUserPoolClientId())
                .useCognitoProvidedValues(true)
                .build();
        branding.getNode().addDependency(domain);
        userPool.addGroup("EditorsGroup", UserPoolGroupOptions.builder()
                .groupName(EDITOR_GROUP)
                .description("May create, change and delete articles")
                .build());
        userPool.addGroup("ContributorsGroup", UserPoolGroupOptions.builder()
                .groupName(CONTRIBUTOR_GROUP)
                .description("Contributors: may sign in; the API admits only the editors group to article writes")
                .build());
    }

    public UserPool userPool() {
        return userPool;
    }

    /** The browser editor app's client (managed login, code grant with PKCE). */
    public UserPoolClient appClient() {
        return appClient;
    }

    /** The command-line client ({@code USER_PASSWORD_AUTH}). */
    public UserPoolClient cliClient() {
        return cliClient;
    }

    /** Every client whose tokens the API accepts. */
    public List<UserPoolClient> clients() {
        return List.of(appClient, cliClient);
    }

    public UserPoolDomain domain() {
        return domain;
    }

    /** {@code <site>/admin/callback/}: the editor app's one registered callback URL. */
    public String callbackUrl() {
        return callbackUrl;
    }

    /** {@code <site>/admin/}: the editor app's one registered sign-out URL. */
    public String signedOutUrl() {
        return signedOutUrl;
    }

    /**
     * The user pool as OpenID Connect issuer, {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}:
     * the {@code iss} of its tokens and the base of its discovery document
     * ({@code /.well-known/openid-configuration}), which names the managed login domain's endpoints.
     */
    public String issuer() {
        return issuerOrigin() + "/" + userPool.getUserPoolId();
    }

    /** The origin of {@link #issuer()}, {@code https://cognito-idp.<region>.amazonaws.com}. */
    public String issuerOrigin() {
        return "https://cognito-idp." + Stack.of(this).getRegion() + ".amazonaws.com";
    }

    /** The managed login page that signs an editor in and returns to the editor app. */
    public String managedLoginUrl() {
        return domain.signInUrl(appClient, SignInUrlOptions.builder().redirectUri(callbackUrl).build());
    }
}
