package dev.anogan.stream.images;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/** The formats of the assembly's repartition topic and stores. */
final class AssemblySerdes {

    /** Version 2 added the outcome's pixels; version 1 outcomes are read without them. */
    private static final byte OUTCOME_VERSION = 2;
    private static final byte IMAGE_VERSION = 1;

    private AssemblySerdes() {
    }

    /** Patch outcomes: the repartition topic and the patch store. */
    static Serde<PatchOutcome> outcomes() {
        return new VersionedSerde<>("image patch outcome", OUTCOME_VERSION, AssemblySerdes::writeOutcome,
                AssemblySerdes::readOutcome);
    }

    /** Open images and closed markers: the image store. */
    static Serde<OpenImage> images() {
        return new VersionedSerde<>("open image", IMAGE_VERSION, AssemblySerdes::writeImage, AssemblySerdes::readImage);
    }

    private static void writeOutcome(PatchOutcome p, DataOutputStream out) throws IOException {
        out.writeUTF(p.sourceId());
        out.writeUTF(p.imageId());
        out.writeUTF(p.patchId());
        out.writeInt(p.x());
        out.writeInt(p.y());
        out.writeInt(p.width());
        out.writeInt(p.height());
        out.writeInt(p.imageWidth());
        out.writeInt(p.imageHeight());
        out.writeInt(p.patchCount());
        out.writeLong(p.captureTimeMs());
        out.writeBoolean(p.scored());
        out.writeFloat(p.score());
        out.writeBoolean(p.anomalous());
        writeFloats(p.map(), out);
        writeFloats(p.pixels(), out);
    }

    private static PatchOutcome readOutcome(DataInputStream in, int version) throws IOException {
        String sourceId = in.readUTF();
        String imageId = in.readUTF();
        String patchId = in.readUTF();
        int x = in.readInt();
        int y = in.readInt();
        int width = in.readInt();
        int height = in.readInt();
        int imageWidth = in.readInt();
        int imageHeight = in.readInt();
        int patchCount = in.readInt();
        long captureTimeMs = in.readLong();
        boolean scored = in.readBoolean();
        float score = in.readFloat();
        boolean anomalous = in.readBoolean();
        float[] map = readFloats(in);
        float[] pixels = version >= 2 ? readFloats(in) : null;
        return new PatchOutcome(sourceId, imageId, patchId, x, y, width, height, imageWidth, imageHeight, patchCount,
                captureTimeMs, scored, score, anomalous, map, pixels);
    }

    /** A length (-1: null), then the values. */
    private static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        float[] values = length < 0 ? null : new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void writeImage(OpenImage i, DataOutputStream out) throws IOException {
        out.writeUTF(i.sourceId());
        out.writeUTF(i.imageId());
        out.writeInt(i.imageWidth());
        out.writeInt(i.imageHeight());
        out.writeInt(i.patchCount());
        out.writeLong(i.captureTimeMs());
        out.writeLong(i.openedAtMs());
        out.writeInt(i.scored());
        out.writeInt(i.deadLettered());
        out.writeLong(i.closedAtMs());
    }

    private static OpenImage readImage(DataInputStream in, int version) throws IOException {
        return new OpenImage(in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readLong(),
                in.readLong(), in.readInt(), in.readInt(), in.readLong());
    }
}
