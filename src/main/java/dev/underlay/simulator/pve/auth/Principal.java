package dev.underlay.simulator.pve.auth;

/**
 * Who is calling: a user ({@code root@pam}) or an API token ({@code underlay@pve!operator}).
 * {@link #upidUser()} is what PVE writes into the user field of a UPID.
 */
public record Principal(String userId, String tokenName, boolean ticket) {

    public static final Principal ANONYMOUS = new Principal("", null, false);

    public boolean isToken() {
        return tokenName != null;
    }

    public String id() {
        return isToken() ? userId + "!" + tokenName : userId;
    }

    public String upidUser() {
        return id();
    }

    /** Only a root ticket counts as root for {@code skiplock} and friends; root's tokens do not. */
    public boolean isRootTicket() {
        return ticket && "root@pam".equals(userId);
    }
}
