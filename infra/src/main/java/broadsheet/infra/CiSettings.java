package broadsheet.infra;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may deploy from CI: GitHub Actions runs of one repository, on its main branch or in its
 * protected production environment, assuming the CDK bootstrap roles with one qualifier.
 *
 * @param repository            {@code owner/name} on GitHub
 * @param branch                the only branch that deploys
 * @param productionEnvironment the GitHub environment the prod job runs in (approval required there)
 * @param bootstrapQualifier    the qualifier {@code cdk bootstrap} was run with
 */
public record CiSettings(String repository, String branch, String productionEnvironment, String bootstrapQualifier) {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public CiSettings {
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("githubRepository must be owner/name, got '" + repository + "'");
        }
    }

    /** The OIDC subjects GitHub puts in the tokens of the deploy jobs. */
    public List<String> subjects() {
        return List.of(
                "repo:" + repository + ":ref:refs/heads/" + branch,
                "repo:" + repository + ":environment:" + productionEnvironment);
    }
}
