package dev.underlay.embedded;

/**
 * One column of a server-side Table, as a CRD's {@code additionalPrinterColumns} entry declares it.
 * {@code jsonPath} uses Kubernetes' simple JSONPath syntax ({@code .status.conditions[?(@.type=="Ready")].status}).
 */
record PrinterColumn(String name, String type, String format, String description, int priority, String jsonPath) {

    static PrinterColumn age() {
        return new PrinterColumn(
                "Age",
                "date",
                null,
                "CreationTimestamp is a timestamp representing the server time when this object was created.",
                0,
                ".metadata.creationTimestamp");
    }
}
