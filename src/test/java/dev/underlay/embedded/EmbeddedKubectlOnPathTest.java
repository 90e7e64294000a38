package dev.underlay.embedded;

/** The embedded API server with the kubectl on the PATH, the one a newcomer most likely has. */
class EmbeddedKubectlOnPathTest extends EmbeddedKubectlTest {

    @Override
    String kubectlExecutable() {
        return "kubectl";
    }
}
