package dev.underlay.connection;

import dev.underlay.proxmox.ProxmoxApi;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The read/write table must cover the whole ProxmoxApi: a method missing from it would slip past the quorum gate. */
class ApiCallsTest {

    private static final Set<String> NO_CALL = Set.of("close");
    /** Verbs of PVE operations that change the cluster; every method starting with one must be classified a write. */
    private static final List<String> WRITE_VERBS = List.of(
            "create",
            "update",
            "delete",
            "set",
            "start",
            "stop",
            "shutdown",
            "reboot",
            "migrate",
            "relocate",
            "resize",
            "clone",
            "upload",
            "download",
            "vzdump",
            "bulk",
            "cephOsdIn",
            "cephOsdOut");

    @Test
    void everyApiMethodIsClassifiedAndNothingElse() {
        Set<String> methods = Arrays.stream(ProxmoxApi.class.getMethods())
                .map(Method::getName)
                .filter(name -> !NO_CALL.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(ApiCalls.table().keySet())).isEqualTo(methods);
        for (Method method : ProxmoxApi.class.getMethods()) {
            assertThat(ApiCalls.of(method).isPresent())
                    .as(method.getName())
                    .isEqualTo(!NO_CALL.contains(method.getName()));
        }
    }

    @Test
    void writesAreTheMethodsNamedAfterAChange() {
        for (var entry : ApiCalls.table().entrySet()) {
            String name = entry.getKey();
            boolean looksLikeWrite =
                    WRITE_VERBS.stream().anyMatch(name::startsWith) && !name.equals("migratePrecondition");
            assertThat(entry.getValue().mutating()).as(name).isEqualTo(looksLikeWrite);
        }
    }

    @Test
    void pathClassesAreALowCardinalityVocabulary() {
        assertThat(ApiCalls.table().values().stream().map(ApiCall::pathClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "cluster", "node", "qemu", "storage", "ha", "ceph", "backup", "task", "access");
    }
}
