package dev.underlay.deploy;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static dev.underlay.deploy.RepositoryPaths.ROOT;
import static dev.underlay.deploy.RepositoryPaths.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's troubleshooting section names every reason a person can meet in a status or an Event, so a new reason
 * cannot ship without the line that tells the user what to do about it.
 */
class ReadmeTroubleshootingTest {

    private static final String HEADING = "## Troubleshooting: what the status tells you";

    @Test
    void everyConditionReasonIsExplained() throws Exception {
        List<String> reasons = constants(ConditionReasons.class, "");

        assertThat(reasons).hasSizeGreaterThan(20);
        assertThat(reasons).allSatisfy(reason -> assertThat(section()).as("README row for " + reason)
                .contains("`" + reason + "`"));
    }

    @Test
    void everyHaGroupStateAndEventReasonIsExplained() throws Exception {
        List<String> names = new ArrayList<>(constants(
                Class.forName("dev.underlay.controller.proxmoxcluster.ha.HaStates"), ""));
        names.addAll(constants(Class.forName("dev.underlay.controller.proxmoxcluster.ConditionTransitionEvents"), ""));
        for (String owner : List.of("MaintenanceRelease", "HaLayoutRelease", "ConnectedClusterObserver")) {
            names.addAll(constants(Class.forName("dev.underlay.controller.proxmoxcluster." + owner), "EVENT_REASON"));
        }

        assertThat(names).hasSizeGreaterThanOrEqualTo(16);
        assertThat(names).allSatisfy(name -> assertThat(section()).as("README mention of " + name)
                .contains("`" + name + "`"));
    }

    /** The String constants of a class whose field names end with {@code suffix}. */
    private static List<String> constants(Class<?> type, String suffix) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                    && field.getName().endsWith(suffix)) {
                field.setAccessible(true);
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static String section() {
        String readme = read(ROOT.resolve("README.md"));
        int start = readme.indexOf(HEADING);
        assertThat(start).as("README has the section " + HEADING).isNotNegative();
        int end = readme.indexOf("\n## ", start + HEADING.length());
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }
}
