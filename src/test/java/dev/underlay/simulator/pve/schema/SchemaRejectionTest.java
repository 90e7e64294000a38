package dev.underlay.simulator.pve.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.underlay.simulator.pve.PveVersion;
import dev.underlay.simulator.pve.SimFixture;
import dev.underlay.simulator.pve.SimResponse;
import dev.underlay.simulator.pve.VmSeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** One rejection per error class of PVE's parameter verification, on both simulated versions. */
class SchemaRejectionTest {

    private static final String N1 = "pve-ms01-01";

    private static SimFixture fixture(PveVersion v) {
        return new SimFixture(v, VmSeed.of(101, N1).disk("scsi0", "vm-disks", 8));
    }

    /** Asserts the PVE 400 shape and returns the error text for {@code param}. */
    private static String rejected(SimResponse r, String param) {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Parameter verification failed.");
        JsonNode body = SimFixture.json(r);
        assertThat(body.get("data").isNull()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("Parameter verification failed.\n");
        assertThat(body.get("errors").has(param)).as(body.toString()).isTrue();
        return body.get("errors").get(param).asText();
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void unknownParameter(PveVersion v) {
        SimResponse r = fixture(v).call("PUT", "/nodes/" + N1 + "/qemu/101/config", "colour", "blue");
        assertThat(rejected(r, "colour"))
                .isEqualTo("property is not defined in schema and the schema does not allow additional properties");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void missingRequiredParameter(PveVersion v) {
        SimResponse r = fixture(v).call("POST", "/nodes/" + N1 + "/qemu", "name", "no-vmid");
        assertThat(rejected(r, "vmid")).isEqualTo("property is missing and it is not optional");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void integerTypeCheck(PveVersion v) {
        SimResponse r = fixture(v).call("PUT", "/nodes/" + N1 + "/qemu/101/config", "cores", "abc");
        assertThat(rejected(r, "cores")).isEqualTo("type check ('integer') failed - got 'abc'");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void booleansAreOnlyZeroOrOne(PveVersion v) {
        SimFixture f = fixture(v);
        assertThat(rejected(f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "onboot", "true"), "onboot"))
                .isEqualTo("type check ('boolean') failed - got 'true'");
        assertThat(f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "onboot", "1")
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void vmidFormatInThePath(PveVersion v) {
        assertThat(rejected(fixture(v).call("GET", "/nodes/" + N1 + "/qemu/abc/config"), "vmid"))
                .isEqualTo("type check ('integer') failed - got 'abc'");
        assertThat(rejected(fixture(v).call("GET", "/nodes/" + N1 + "/qemu/99/config"), "vmid"))
                .isEqualTo("value must have a minimum value of 100");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void nodeFormat(PveVersion v) {
        SimResponse r = fixture(v).call("POST", "/nodes/" + N1 + "/qemu/101/migrate", "target", "bad_node!");
        assertThat(rejected(r, "target")).isEqualTo("invalid format - value does not look like a valid node name\n");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void storageIdFormat(PveVersion v) {
        SimResponse r = fixture(v).call("POST", "/storage", "storage", "9lives", "type", "dir", "path", "/srv");
        assertThat(rejected(r, "storage"))
                .isEqualTo("invalid format - storage ID '9lives' contains illegal characters\n");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void configIdFormat(PveVersion v) {
        SimResponse r = fixture(v).call("POST", "/cluster/ha/resources", "sid", "vm:101", "group", "-bad");
        assertThat(rejected(r, "group")).isEqualTo("invalid format - invalid configuration ID '-bad'\n");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void propertyStringSubFormats(PveVersion v) {
        SimFixture f = fixture(v);
        assertThat(rejected(
                        f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "net0", "virtio,bridge=vmbr0,tag=5000"),
                        "net0"))
                .isEqualTo("invalid format - format error\nnet0.tag: value must have a maximum value of 4094\n\n");
        assertThat(rejected(f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "net0", "virtio,colour=red"), "net0"))
                .isEqualTo("invalid format - invalid key in comma-separated list property: colour\n");
        assertThat(rejected(
                        f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "scsi1", "vm-disks:8,cache=fast"), "scsi1"))
                .startsWith(
                        "invalid format - format error\nscsi1.cache: value 'fast' does not have a value in the enumeration ");
        assertThat(rejected(
                        f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "ipconfig0", "ip=10.8.16.20/24,gw=10.8.16"),
                        "ipconfig0"))
                .isEqualTo(
                        "invalid format - format error\nipconfig0.gw: invalid format - value does not look like a valid IPv4 address\n\n");
        assertThat(rejected(
                        f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "net32", "virtio,bridge=vmbr0"), "net32"))
                .isEqualTo("property is not defined in schema and the schema does not allow additional properties");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void enumValues(PveVersion v) {
        SimResponse r = fixture(v).call("PUT", "/nodes/" + N1 + "/qemu/101/config", "ostype", "dos");
        assertThat(rejected(r, "ostype"))
                .startsWith("value 'dos' does not have a value in the enumeration 'other, wxp, w2k");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void minimumAndMaximum(PveVersion v) {
        SimFixture f = fixture(v);
        assertThat(rejected(f.call("PUT", "/nodes/" + N1 + "/qemu/101/config", "cores", "0"), "cores"))
                .isEqualTo("value must have a minimum value of 1");
        assertThat(rejected(f.call("POST", "/nodes/" + N1 + "/qemu", "vmid", "1000000000"), "vmid"))
                .isEqualTo("value must have a maximum value of 999999999");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void maxLength(PveVersion v) {
        SimResponse r = fixture(v).call("PUT", "/nodes/" + N1 + "/qemu/101/config", "digest", "a".repeat(41));
        assertThat(rejected(r, "digest")).isEqualTo("value may only be 40 characters long");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void pattern(PveVersion v) {
        SimResponse r = fixture(v).call("PUT", "/nodes/" + N1 + "/qemu/101/resize", "disk", "scsi0", "size", "big");
        assertThat(rejected(r, "size")).isEqualTo("value does not match the regex pattern");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void allErrorsAreReportedTogether(PveVersion v) {
        SimResponse r = fixture(v).call("POST", "/nodes/" + N1 + "/qemu", "vmid", "abc", "cores", "x", "nope", "1");
        JsonNode errors = SimFixture.json(r).get("errors");
        assertThat(errors.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void unknownPathIs501(PveVersion v) {
        SimResponse r = fixture(v).call("GET", "/no/such/path");
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.reasonPhrase()).isEqualTo("Method 'GET /no/such/path' not implemented");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void schemaEndpointsTheSimulatorDoesNotImplementAre501WithAClearMessage(PveVersion v) {
        SimResponse r = fixture(v).call("GET", "/nodes/" + N1 + "/lxc/200/config");
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.reasonPhrase())
                .isEqualTo("Method 'GET /nodes/{node}/lxc/{vmid}/config' not implemented by the Proxmox VE simulator");
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void vzdumpNotificationPolicyExistsOnlyOnPve8(PveVersion v) {
        SimResponse r = fixture(v)
                .call(
                        "POST",
                        "/nodes/" + N1 + "/vzdump",
                        "vmid",
                        "101",
                        "storage",
                        "nfs-backups",
                        "notification-policy",
                        "never");
        if (v == PveVersion.PVE_8_4) {
            assertThat(r.status()).isEqualTo(200);
        } else {
            assertThat(rejected(r, "notification-policy"))
                    .isEqualTo("property is not defined in schema and the schema does not allow additional properties");
        }
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void haManagedOnCreateExistsOnlyOnPve9(PveVersion v) {
        SimResponse r = fixture(v).call("POST", "/nodes/" + N1 + "/qemu", "vmid", "300", "ha-managed", "1");
        assertThat(r.status()).isEqualTo(v == PveVersion.PVE_9_1 ? 200 : 400);
    }

    @ParameterizedTest
    @EnumSource(PveVersion.class)
    void backupSchedulesMustBeCalendarEvents(PveVersion v) {
        SimFixture f = fixture(v);
        SimResponse created = f.call(
                "POST",
                "/cluster/backup",
                "id",
                "bad",
                "vmid",
                "101",
                "storage",
                "nfs-backups",
                "schedule",
                "mnday 02:00");
        assertThat(rejected(created, "schedule"))
                .isEqualTo(
                        "invalid format - invalid calendar event 'mnday 02:00' - invalid weekday \"mnday\" at position 1"
                                + " in \"mnday 02:00\"\n");
        assertThat(f.ok("GET", "/cluster/backup")).isEmpty();

        f.ok(
                "POST",
                "/cluster/backup",
                "id",
                "good",
                "vmid",
                "101",
                "storage",
                "nfs-backups",
                "schedule",
                "*-*-01 04:00");
        assertThat(rejected(f.call("PUT", "/cluster/backup/good", "schedule", "25:00"), "schedule"))
                .startsWith("invalid format - invalid calendar event '25:00' - hour \"25\" is out of range 0..23");
        assertThat(f.ok("GET", "/cluster/backup/good").get("schedule").asText()).isEqualTo("*-*-01 04:00");
    }
}
