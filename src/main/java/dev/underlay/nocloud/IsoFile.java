package dev.underlay.nocloud;

import java.util.Arrays;

/**
 * One file of the root directory of an {@link Iso9660Writer} image. {@code toString} shows the name and size only:
 * the content of a cidata image is a Talos machine configuration, which holds cluster secrets.
 */
public record IsoFile(IsoFileName name, byte[] content) {

    public IsoFile {
        if (name == null || content == null) {
            throw new IllegalArgumentException("an ISO file needs a name and content");
        }
        content = content.clone();
    }

    public static IsoFile of(String name, byte[] content) {
        return new IsoFile(IsoFileName.of(name), content);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    int size() {
        return content.length;
    }

    byte[] contentUnsafe() {
        return content;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IsoFile that && name.equals(that.name) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "IsoFile[" + name.posixName() + ", " + content.length + " bytes]";
    }
}
