package broadsheet.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The people who can sign in to the local OpenID Connect issuer, as a Cognito user pool holds
 * them in AWS: a user name, a password and the groups (which become {@code cognito:groups}).
 *
 * <p>Written as {@code BROADSHEET_LOCAL_USERS}: entries {@code name:password:group+group}
 * separated by {@code ;} or white space, e.g. {@code eve:pw1:editors;ann:pw2:contributors}.
 * Without it, {@link #generated()} makes one editor and one contributor with random passwords,
 * which {@code local/run} prints.
 */
public final class LocalUsers {

    /** One local user; {@code sub} is a stable UUID derived from the name, as Cognito's is a UUID. */
    public record User(String username, String password, List<String> groups) {
        public User {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            groups = List.copyOf(groups);
            if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("a local user name is 1..64 of A-Z a-z 0-9 . _ @ -, not " + username);
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("the password of local user " + username + " is empty");
            }
        }

        public String sub() {
            return UUID.nameUUIDFromBytes(("broadsheet-local-user:" + username).getBytes(StandardCharsets.UTF_8)).toString();
        }

        @Override
        public String toString() {
            return "User[" + username + ", groups=" + groups + "]";
        }
    }

    public static final String EDITORS = "editors";
    public static final String CONTRIBUTORS = "contributors";

    private final Map<String, User> byName;
    private final boolean generated;

    private LocalUsers(List<User> users, boolean generated) {
        Map<String, User> map = new LinkedHashMap<>();
        for (User user : users) {
            if (map.put(user.username(), user) != null) {
                throw new IllegalArgumentException("local user " + user.username() + " is listed twice");
            }
        }
        this.byName = map;
        this.generated = generated;
    }

    public static LocalUsers of(List<User> users) {
        return new LocalUsers(users, false);
    }

    /** One editor ({@code editor}) and one contributor ({@code contributor}), each with a random password. */
    public static LocalUsers generated() {
        return new LocalUsers(List.of(
                new User("editor", EditorAuthorizer.generateToken().substring(0, 16), List.of(EDITORS)),
                new User("contributor", EditorAuthorizer.generateToken().substring(0, 16), List.of(CONTRIBUTORS))),
                true);
    }

    /** The users of a {@code BROADSHEET_LOCAL_USERS} value. */
    public static LocalUsers parse(String spec) {
        List<User> users = new ArrayList<>();
        for (String entry : spec.strip().split("[;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException("a local user is name:password:group+group, not " + entry.split(":")[0] + ":...");
            }
            List<String> groups = parts.length == 3 && !parts[2].isEmpty() ? List.of(parts[2].split("\\+")) : List.of();
            users.add(new User(parts[0], parts[1], groups));
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("BROADSHEET_LOCAL_USERS names no user");
        }
        return new LocalUsers(users, false);
    }

    /** Whether the passwords were made up for this run (and so must be shown to whoever runs it). */
    public boolean isGenerated() {
        return generated;
    }

    public List<User> all() {
        return List.copyOf(byName.values());
    }

    public Optional<User> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    /** The user with this name and password; the password comparison takes the same time whatever it is. */
    public Optional<User> signIn(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        User user = byName.get(username);
        byte[] expected = sha256(user == null ? "\0no such user" : user.password());
        boolean matches = MessageDigest.isEqual(expected, sha256(password));
        return user != null && matches ? Optional.of(user) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
