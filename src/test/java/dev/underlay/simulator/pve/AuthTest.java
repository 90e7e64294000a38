package dev.underlay.simulator.pve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTest {

    private static final String N1 = "pve-ms01-01";
    private final SimFixture f =
            new SimFixture(PveVersion.PVE_9_1, VmSeed.of(101, N1).disk("scsi0", "vm-disks", 4));

    private SimResponse as(Credentials c, String method, String path, String... kv) {
        return f.sim.handle(SimRequest.of(method, path, c, kv));
    }

    @Test
    void aWrongTokenGets401WithAnEmptyBodyAndTheAuthDelay() {
        SimResponse r = as(Credentials.token("underlay@pve!operator", "wrong"), "GET", "/version");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reasonPhrase()).isEqualTo("Authentication failed!");
        assertThat(r.jsonBody()).isEmpty();
        assertThat(r.delay()).isEqualTo(Duration.ofMillis(5));
        SimResponse none = as(Credentials.NONE, "GET", "/version");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.reasonPhrase()).isEqualTo("No ticket");
    }

    @Test
    void ticketLoginWorksForReadsAndNeedsTheCsrfTokenForWrites() {
        JsonNode login = SimFixture.json(
                        as(Credentials.NONE, "POST", "/access/ticket", "username", "root@pam", "password", "r00t-pass"))
                .get("data");
        String ticket = login.get("ticket").asText();
        String csrf = login.get("CSRFPreventionToken").asText();
        assertThat(ticket).startsWith("PVE:root@pam:");
        assertThat(login.get("username").asText()).isEqualTo("root@pam");
        assertThat(login.get("clustername").asText()).isEqualTo(PveSimulatorBuilder.CLUSTER);

        assertThat(as(Credentials.ticket(ticket, null), "GET", "/cluster/status")
                        .status())
                .isEqualTo(200);
        SimResponse noCsrf =
                as(Credentials.ticket(ticket, null), "PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x");
        assertThat(noCsrf.status()).isEqualTo(401);
        assertThat(noCsrf.reasonPhrase()).isEqualTo("Permission denied - invalid csrf token");
        assertThat(as(Credentials.ticket(ticket, csrf), "PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x")
                        .status())
                .isEqualTo(200);

        f.clock.advance(Duration.ofHours(2).plusSeconds(1));
        assertThat(as(Credentials.ticket(ticket, csrf), "GET", "/version").status())
                .isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefused() {
        SimResponse r = as(Credentials.NONE, "POST", "/access/ticket", "username", "root@pam", "password", "guess");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reasonPhrase()).isEqualTo("authentication failure");
    }

    @Test
    void ticketsCanBeRenewedWithTheTicketAsPassword() {
        String ticket = SimFixture.json(
                        as(Credentials.NONE, "POST", "/access/ticket", "username", "root@pam", "password", "r00t-pass"))
                .get("data")
                .get("ticket")
                .asText();
        SimResponse renewed =
                as(Credentials.NONE, "POST", "/access/ticket", "username", "root@pam", "password", ticket);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(SimFixture.json(renewed).get("data").get("ticket").asText()).isNotEqualTo(ticket);
    }

    @Test
    void tokensCannotUseTicketOnlyEndpoints() {
        SimResponse r = f.call("POST", "/access/ticket", "username", "root@pam", "password", "r00t-pass");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reasonPhrase())
                .isEqualTo(
                        "Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.");
    }

    @Test
    void aRevokedPrivilegeGives403AndShowsInPermissions() {
        assertThat(f.ok("GET", "/access/permissions").get("/").has("VM.PowerMgmt"))
                .isTrue();
        f.sim.faults().revokePrivilege("underlay@pve!operator", "VM.PowerMgmt");
        SimResponse r = f.call("POST", "/nodes/" + N1 + "/qemu/101/status/start");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reasonPhrase()).isEqualTo("Permission check failed (/vms/101, VM.PowerMgmt)");
        assertThat(f.ok("GET", "/access/permissions").get("/").has("VM.PowerMgmt"))
                .isFalse();
        assertThat(f.ok("GET", "/access/permissions", "path", "/vms").has("/vms"))
                .isTrue();
    }

    @Test
    void aPrincipalCanBeMadeToFailWith401Or403() {
        f.sim.faults().rejectPrincipal("underlay@pve!operator", 403);
        assertThat(f.call("GET", "/version").status()).isEqualTo(403);
        f.sim.faults().rejectPrincipal("underlay@pve!operator", 401);
        assertThat(f.call("GET", "/version").status()).isEqualTo(401);
        f.sim.faults().acceptPrincipal("underlay@pve!operator");
        assertThat(f.call("GET", "/version").status()).isEqualTo(200);
    }

    @Test
    void skiplockNeedsARootTicket() {
        f.sim.faults().holdLock(101, "backup");
        SimResponse token = f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x", "skiplock", "1");
        assertThat(token.status()).isEqualTo(400);
        assertThat(SimFixture.json(token).get("errors").get("skiplock").asText())
                .isEqualTo("Only root may use this option.");
        JsonNode login = SimFixture.json(
                        as(Credentials.NONE, "POST", "/access/ticket", "username", "root@pam", "password", "r00t-pass"))
                .get("data");
        Credentials root = Credentials.ticket(
                login.get("ticket").asText(), login.get("CSRFPreventionToken").asText());
        assertThat(as(root, "PUT", "/nodes/" + N1 + "/qemu/101/config", "name", "x", "skiplock", "1")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void upidsOfTicketUsersCarryTheUser() {
        JsonNode login = SimFixture.json(as(
                        Credentials.NONE,
                        "POST",
                        "/access/ticket",
                        "username",
                        "root",
                        "realm",
                        "pam",
                        "password",
                        "r00t-pass"))
                .get("data");
        Credentials root = Credentials.ticket(
                login.get("ticket").asText(), login.get("CSRFPreventionToken").asText());
        String upid = SimFixture.json(as(root, "POST", "/nodes/" + N1 + "/qemu/101/status/start"))
                .get("data")
                .asText();
        assertThat(upid).endsWith(":qmstart:101:root@pam:");
    }

    @Test
    void errorBodiesCanDropTheMessageFieldLikeOlderServers() {
        f.sim.errorMessageField(false);
        SimResponse r = f.call("GET", "/nodes/" + N1 + "/qemu/999/config");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reasonPhrase())
                .isEqualTo("Configuration file 'nodes/pve-ms01-01/qemu-server/999.conf' does not exist");
        assertThat(r.bodyText()).isEqualTo("{\"data\":null}");
    }
}
