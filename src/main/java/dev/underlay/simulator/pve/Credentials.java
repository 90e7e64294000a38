package dev.underlay.simulator.pve;

/**
 * What a caller presented to authenticate. Secrets stay inside these records; they are never
 * journaled or logged ({@link #toString()} is redacted on purpose).
 */
public sealed interface Credentials {

    None NONE = new None();

    static Credentials token(String tokenId, String secret) {
        return new Token(tokenId, secret);
    }

    static Credentials ticket(String ticket, String csrfToken) {
        return new Ticket(ticket, csrfToken);
    }

    /** No Authorization header and no cookie. */
    record None() implements Credentials {}

    /** {@code PVEAPIToken=user@realm!id=secret}; {@code tokenId} is {@code user@realm!id}. */
    record Token(String tokenId, String secret) implements Credentials {
        @Override
        public String toString() {
            return "Token[" + tokenId + "=<redacted>]";
        }
    }

    /** Ticket from the {@code PVEAuthCookie} cookie, plus the CSRF header if one was sent (may be null). */
    record Ticket(String ticket, String csrfToken) implements Credentials {
        @Override
        public String toString() {
            return "Ticket[<redacted>]";
        }
    }
}
