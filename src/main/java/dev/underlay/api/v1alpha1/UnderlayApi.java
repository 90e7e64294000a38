package dev.underlay.api.v1alpha1;

/** The API group and version every Underlay kind is served under. */
public final class UnderlayApi {
    public static final String GROUP = "underlay.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** kubectl category of every kind, so that {@code kubectl get underlay} lists them all. */
    public static final String CATEGORY = "underlay";

    private UnderlayApi() {}
}
