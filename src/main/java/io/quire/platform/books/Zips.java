package io.quire.platform.books;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip entries as book formats want them: compressed, or stored as they are (EPUB's mimetype, images). */
public final class Zips {
    private Zips() {}

    public static void put(ZipOutputStream out, String name, byte[] data, boolean compress) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (!compress) {
            // a stored entry names its size and checksum up front: no data descriptor, as OCF requires of mimetype
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }
}
