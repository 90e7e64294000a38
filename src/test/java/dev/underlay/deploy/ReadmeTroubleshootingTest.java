package dev.underlay.deploy;

import dev.underlay.api.v1alpha1.common.ConditionReasons;
import org.junit.jupiter.api.Test;

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
    void everyConditionReasonIsExplained() {
        List<String> reasons = StringConstants.of(ConditionReasons.class, "");

        assertThat(reasons).hasSizeGreaterThan(20);
        assertThat(reasons)
                .allSatisfy(reason ->
                        assertThat(section()).as("README row for " + reason).contains("`" + reason + "`"));
    }

    @Test
    void everyHaGroupStateAndEventReasonIsExplained() throws ClassNotFoundException {
        String controller = "dev.underlay.controller.proxmoxcluster.";
        List<String> names = new ArrayList<>(StringConstants.of(Class.forName(controller + "ha.HaStates"), ""));
        names.addAll(StringConstants.of(Class.forName(controller + "ConditionTransitionEvents"), ""));
        names.addAll(StringConstants.of(Class.forName(controller + "maintenance.MaintenanceEvents"), ""));
        for (String owner : List.of("maintenance.MaintenanceRelease", "ha.HaLayoutRelease", "SnapshotRefresh")) {
            names.addAll(StringConstants.of(Class.forName(controller + owner), "EVENT_REASON"));
        }

        assertThat(names).hasSizeGreaterThanOrEqualTo(16);
        assertThat(names)
                .allSatisfy(name ->
                        assertThat(section()).as("README mention of " + name).contains("`" + name + "`"));
    }

    private static String section() {
        String readme = read(ROOT.resolve("README.md"));
        int start = readme.indexOf(HEADING);
        assertThat(start).as("README has the section " + HEADING).isNotNegative();
        int end = readme.indexOf("\n## ", start + HEADING.length());
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }
}
