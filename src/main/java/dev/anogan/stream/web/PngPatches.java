package dev.anogan.stream.web;

import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.png.PngHeader;
import dev.anogan.stream.png.PngImages;
import dev.anogan.stream.scoring.Patch;

/**
 * Turns an uploaded PNG into a {@link Patch}, refusing from its header alone what the model cannot take; the
 * pixels follow the project's PNG rule ({@link PngImages}).
 */
final class PngPatches {

    private PngPatches() {
    }

    /** @throws IllegalArgumentException saying why the bytes are not a PNG the model can take */
    static Patch decode(byte[] png, InputSpec model) {
        PngHeader header = PngHeader.read(png);
        if (header.width() != model.width() || header.height() != model.height()) {
            throw new IllegalArgumentException("the PNG is " + header.size() + " but the model takes "
                    + model.width() + "x" + model.height());
        }
        if (header.channels() != model.channels()) {
            throw new IllegalArgumentException("the PNG (" + header.describe() + ") has " + header.channels()
                    + " channels but the model takes " + model.channels());
        }
        return PngImages.decode(png, header);
    }
}
