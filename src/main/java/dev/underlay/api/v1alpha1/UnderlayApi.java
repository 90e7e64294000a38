package dev.underlay.api.v1alpha1;

/** The API group and version every Underlay kind is served under. */
public final class UnderlayApi {
    public static final String GROUP = "underlay.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private UnderlayApi() {
    }
}
