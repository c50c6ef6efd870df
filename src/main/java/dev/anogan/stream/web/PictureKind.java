package dev.anogan.stream.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A kind of picture the API serves as {@code .../{path}.png}: an enum constant named after its path. */
interface PictureKind {

    String name();

    /** Its name in addresses, the constant's name in lower case. */
    default String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    static <K extends PictureKind> Optional<K> byPath(K[] kinds, String path) {
        return Arrays.stream(kinds).filter(k -> k.path().equals(path)).findFirst();
    }
}
