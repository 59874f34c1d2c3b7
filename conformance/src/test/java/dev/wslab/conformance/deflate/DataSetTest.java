package dev.wslab.conformance.deflate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the data sets of sections 12 and 13 are like Autobahn's: same sizes and kinds, and they compress as such data does")
class DataSetTest {

    private static double ratio(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return (double) out.size() / data.length;
    }

    @ParameterizedTest
    @EnumSource(DataSet.class)
    @DisplayName("each has Autobahn's file size and the same bytes every time")
    void sizesAndDeterminism(DataSet set) {
        assertThat(set.bytes()).hasSize(switch (set) {
            case JSON -> 194_056;
            case BITMAP -> 263_222;
            case PROSE -> 222_218;
            case HTML -> 263_647;
            case DOCUMENT -> 1_042_328;
        });
        assertThat(set.slice(0, 64)).isEqualTo(Arrays.copyOf(set.bytes(), 64));
    }

    @Test
    @DisplayName("text compresses well, the bitmap somewhat, the document's random streams hardly")
    void compressLikeTheirKind() {
        assertThat(ratio(DataSet.JSON.bytes())).isLessThan(0.35);
        assertThat(ratio(DataSet.HTML.bytes())).isLessThan(0.35);
        assertThat(ratio(DataSet.PROSE.bytes())).isLessThan(0.4);
        assertThat(ratio(DataSet.BITMAP.bytes())).isBetween(0.3, 0.9);
        assertThat(ratio(DataSet.DOCUMENT.bytes())).isGreaterThan(0.9);
    }

    @Test
    @DisplayName("text sets are ASCII, so a slice cut anywhere is valid UTF-8")
    void textIsAscii() {
        for (DataSet set : DataSet.values()) {
            if (set.kind() == DataSet.MessageKind.TEXT) {
                for (byte b : set.bytes()) {
                    assertThat(b).isBetween((byte) 0, (byte) 127);
                }
            }
        }
    }

    @Test
    @DisplayName("slices are consecutive and wrap around at the end")
    void slicesWrapAround() {
        byte[] data = DataSet.JSON.bytes();
        byte[] slice = DataSet.JSON.slice(data.length - 3, 6);
        assertThat(Arrays.copyOfRange(slice, 0, 3)).isEqualTo(Arrays.copyOfRange(data, data.length - 3, data.length));
        assertThat(Arrays.copyOfRange(slice, 3, 6)).isEqualTo(Arrays.copyOfRange(data, 0, 3));
        assertThat(DataSet.JSON.slice(2L * data.length + 5, 4)).isEqualTo(Arrays.copyOfRange(data, 5, 9));
    }
}
