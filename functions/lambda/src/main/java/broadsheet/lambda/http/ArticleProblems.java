package broadsheet.lambda.http;

import broadsheet.core.article.Violation;
import broadsheet.core.editing.Permissions;
import broadsheet.core.editing.Permissions.Action;
import broadsheet.core.editing.Permissions.Caller;
import broadsheet.core.editing.Permissions.Denied;

import java.util.List;
import java.util.Optional;

/** The problem responses that several article routes answer with. */
final class ArticleProblems {

    private ArticleProblems() {
    }

    static HttpResponse badSlug() {
        return Problem.invalid("The slug in the path is not valid.", List.of(new Violation("slug",
                "must be lowercase letters and digits in words joined by single hyphens"))).response();
    }

    static HttpResponse badVersion() {
        return Problem.invalid("The version in the path is not valid.",
                List.of(new Violation("version", "must be a positive whole number"))).response();
    }

    /**
     * The 403 answer, listing every reason, when the newsroom's roles refuse {@code action} to
     * {@code caller}; empty when they allow it.
     */
    static Optional<HttpResponse> refusal(Caller caller, Action action) {
        return Permissions.decide(caller, action) instanceof Denied denied
                ? Optional.of(Problem.forbidden(denied.reasons()).response())
                : Optional.empty();
    }

    static HttpResponse notFound() {
        return Problem.of("article-not-found", "Not Found", 404, "There is no article with this slug.").response();
    }

    static HttpResponse revisionNotFound() {
        return Problem.of("revision-not-found", "Not Found", 404, "This article has no such earlier version.")
                .response();
    }

    static HttpResponse stale() {
        return Problem.of("stale-version", "Precondition Failed", 412,
                "The article has changed since you read it; read it again and reapply your edit.").response();
    }

    static HttpResponse preconditionRequired() {
        return Problem.of("precondition-required", "Precondition Required", 428,
                "Send If-Match with the ETag of the version you edited.").response();
    }

    static HttpResponse slugTaken() {
        return Problem.of("slug-taken", "Conflict", 409,
                "An article with this slug exists already; choose another slug.").response();
    }

    static HttpResponse idempotencyKeyReused() {
        return new Problem(Problem.TYPE_PREFIX + "idempotency-key-reused", "Idempotency key reused", 422,
                "This Idempotency-Key was used with a different request body.",
                List.of(new Violation("Idempotency-Key", "was already used with a different request body")))
                .response();
    }
}
