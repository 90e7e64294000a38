package dev.underlay.simulator.pve.auth;

import dev.underlay.simulator.pve.Credentials;
import dev.underlay.simulator.pve.PveError;
import dev.underlay.simulator.pve.PveVersion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users, API tokens, tickets and privileges. Authenticates requests the way pveproxy does
 * (401 with an empty body, CSRF header required for ticket writes) and answers privilege checks.
 */
public final class AccessControl {

    public static final Duration TICKET_LIFETIME = Duration.ofHours(2);

    private final Clock clock;
    private final PveVersion version;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> passwordHashes = new ConcurrentHashMap<>();
    private final Map<String, String> tokenSecrets = new ConcurrentHashMap<>();
    private final Map<String, IssuedTicket> tickets = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> revoked = new ConcurrentHashMap<>();
    private final Map<String, Integer> rejected = new ConcurrentHashMap<>();

    public AccessControl(Clock clock, PveVersion version) {
        this.clock = clock;
        this.version = version;
    }

    public void addUser(String userId, String password) {
        passwordHashes.put(userId, hash(password));
    }

    public void addToken(String tokenId, String secret) {
        tokenSecrets.put(tokenId, secret);
    }

    /** Removes a privilege from a user or token everywhere (to test 403 paths). */
    public void revoke(String principalId, String privilege) {
        revoked.computeIfAbsent(principalId, p -> ConcurrentHashMap.newKeySet()).add(privilege);
    }

    /** Makes every request by this user/token fail with 401 or 403 until {@link #accept} is called. */
    public void reject(String principalId, int status) {
        if (status != 401 && status != 403) {
            throw new IllegalArgumentException("401 or 403 expected");
        }
        rejected.put(principalId, status);
    }

    public void accept(String principalId) {
        rejected.remove(principalId);
    }

    public Principal authenticate(Credentials credentials, boolean write) {
        if (credentials instanceof Credentials.Token) {
            Credentials.Token token = (Credentials.Token) credentials;
            String secret = tokenSecrets.get(token.tokenId());
            if (secret == null || !constantTimeEquals(secret, token.secret())) {
                throw PveError.emptyBody(401, "Authentication failed!");
            }
            int bang = token.tokenId().indexOf('!');
            Principal p = new Principal(
                    token.tokenId().substring(0, bang), token.tokenId().substring(bang + 1), false);
            return checkRejected(p);
        }
        if (credentials instanceof Credentials.Ticket) {
            Credentials.Ticket t = (Credentials.Ticket) credentials;
            IssuedTicket issued = tickets.get(t.ticket());
            if (issued == null || clock.instant().isAfter(issued.issuedAt.plus(TICKET_LIFETIME))) {
                throw PveError.emptyBody(401, "No ticket");
            }
            if (write && (t.csrfToken() == null || !constantTimeEquals(issued.csrf, t.csrfToken()))) {
                throw PveError.emptyBody(401, "Permission denied - invalid csrf token");
            }
            return checkRejected(new Principal(issued.userId, null, true));
        }
        throw PveError.emptyBody(401, "No ticket");
    }

    private Principal checkRejected(Principal p) {
        Integer status = rejected.get(p.id());
        if (status == null) {
            return p;
        }
        if (status == 401) {
            throw PveError.emptyBody(401, "Authentication failed!");
        }
        throw PveError.status(403, "Permission check failed (/, Sys.Audit)");
    }

    /**
     * {@code POST /access/ticket}: checks the password (or a still-valid ticket, for renewal) and
     * issues a new ticket and CSRF token.
     */
    public Issued login(String username, String realm, String password) {
        String userId = username.contains("@") ? username : username + "@" + (realm == null ? "pam" : realm);
        IssuedTicket renewed = tickets.get(password);
        boolean ok = renewed != null
                ? renewed.userId.equals(userId) && !clock.instant().isAfter(renewed.issuedAt.plus(TICKET_LIFETIME))
                : passwordHashes.containsKey(userId)
                        && MessageDigest.isEqual(passwordHashes.get(userId), hash(password));
        if (!ok) {
            throw PveError.status(401, "authentication failure");
        }
        Instant now = clock.instant();
        String ticket = String.format(
                Locale.ROOT,
                "PVE:%s:%08X::%s",
                userId,
                now.getEpochSecond(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes()));
        String csrf = String.format(
                Locale.ROOT,
                "%08X:%s",
                now.getEpochSecond(),
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(randomBytes())
                        .substring(0, 27));
        tickets.put(ticket, new IssuedTicket(userId, csrf, now));
        return new Issued(userId, ticket, csrf);
    }

    public Set<String> privileges(Principal principal) {
        Set<String> privs = new TreeSet<>(Privileges.administrator(version));
        Set<String> userRevoked = revoked.getOrDefault(principal.userId(), Set.of());
        Set<String> tokenRevoked = principal.isToken() ? revoked.getOrDefault(principal.id(), Set.of()) : Set.of();
        privs.removeAll(userRevoked);
        privs.removeAll(tokenRevoked);
        return privs;
    }

    /** 403 "Permission check failed (path, priv)" when the principal lacks the privilege. */
    public void require(Principal principal, String aclPath, String privilege) {
        if (!privileges(principal).contains(privilege)) {
            throw PveError.status(403, "Permission check failed (" + aclPath + ", " + privilege + ")");
        }
    }

    private byte[] randomBytes() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return b;
    }

    private static byte[] hash(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A ticket handed out by {@link #login}. */
    public record Issued(String userId, String ticket, String csrfToken) {
        @Override
        public String toString() {
            return "Issued[" + userId + ", <redacted>]";
        }
    }

    private record IssuedTicket(String userId, String csrf, Instant issuedAt) {}
}
