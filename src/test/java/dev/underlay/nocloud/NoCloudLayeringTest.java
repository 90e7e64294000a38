package dev.underlay.nocloud;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed and the ISO writer are plain domain code: the controller uses them, they know nothing of it. */
class NoCloudLayeringTest {

    @Test
    void dependsOnlyOnTheJdkAndJackson() {
        JavaClasses nocloud = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.underlay.nocloud");
        assertThat(nocloud).isNotEmpty();

        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.underlay.nocloud..", "com.fasterxml.jackson..")
                .check(nocloud);
    }
}
