package io.quire.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * What the workers do to an uploaded image, in pure Java (ImageIO with the TwelveMonkeys JPEG and WebP readers,
 * Thumbnailator for scaling): nothing to install, at the cost of libvips' speed. The pixel count is read from the
 * header before anything is decoded, so a decompression bomb is refused without allocating it. The EXIF orientation
 * is applied; JPEG and PNG originals are re-encoded, which drops EXIF (GPS included) and every other metadata
 * block; GIF and WebP originals are kept as they are (re-encoding would lose animation, and ImageIO writes no WebP).
 * Variants are JPEG (from JPEG and WebP) or PNG (from PNG and GIF), only sizes smaller than the original.
 */
final class ImageProcessor {
    private ImageProcessor() {}

    /** Variant names and their widths. */
    static final List<Size> SIZES = List.of(new Size("thumb", 320), new Size("medium", 960), new Size("large", 1920));

    record Size(String name, int width) {}

    record Variant(String name, String mimeType, String extension, int width, int height, byte[] bytes) {}

    /** {@code cleanedOriginal}: the original without its metadata, or null when it is kept as it was. */
    record Result(
            int width,
            int height,
            String dominantColor,
            String placeholder,
            byte[] cleanedOriginal,
            List<Variant> variants) {}

    /** Why an image could not be processed: recorded as its {@code processingError}. */
    static final class Unprocessable extends Exception {
        Unprocessable(String message) {
            super(message, null, false, false);
        }
    }

    static Result process(byte[] bytes, String mimeType, long maxPixels) throws Unprocessable {
        long pixels = pixels(bytes);
        if (pixels > maxPixels) {
            throw new Unprocessable(
                    "the image has " + pixels + " pixels; images of more than " + maxPixels + " are not processed");
        }
        BufferedImage image;
        try {
            image = Thumbnails.of(new ByteArrayInputStream(bytes))
                    .scale(1.0)
                    .useExifOrientation(true)
                    .asBufferedImage();
        } catch (IOException | RuntimeException e) {
            throw new Unprocessable("the image cannot be decoded (" + e.getMessage() + ")");
        }
        boolean jpeg = mimeType.equals("image/jpeg") || mimeType.equals("image/webp");
        String format = jpeg ? "jpg" : "png";
        String outType = jpeg ? "image/jpeg" : "image/png";
        try {
            List<Variant> variants = new ArrayList<>();
            for (Size size : SIZES) {
                if (image.getWidth() > size.width()) {
                    BufferedImage scaled =
                            Thumbnails.of(image).width(size.width()).asBufferedImage();
                    variants.add(new Variant(
                            size.name(),
                            outType,
                            format,
                            scaled.getWidth(),
                            scaled.getHeight(),
                            encode(scaled, format, 0.85f)));
                }
            }
            byte[] cleaned =
                    mimeType.equals("image/jpeg") || mimeType.equals("image/png") ? encode(image, format, 0.92f) : null;
            return new Result(
                    image.getWidth(),
                    image.getHeight(),
                    dominantColor(image),
                    "data:image/jpeg;base64,"
                            + Base64.getEncoder()
                                    .encodeToString(encode(
                                            Thumbnails.of(image).width(16).asBufferedImage(), "jpg", 0.6f)),
                    cleaned,
                    variants);
        } catch (IOException | RuntimeException e) {
            throw new Unprocessable("the image could not be resized (" + e.getMessage() + ")");
        }
    }

    /** Width × height from the header, without decoding the pixels. */
    private static long pixels(byte[] bytes) throws Unprocessable {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Unprocessable("no reader knows this image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Unprocessable("the image header cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The average colour, as {@code #rrggbb}: what a page paints before the image arrives. */
    private static String dominantColor(BufferedImage image) throws IOException {
        int rgb = Thumbnails.of(image).size(1, 1).asBufferedImage().getRGB(0, 0);
        return String.format("#%06x", rgb & 0xffffff);
    }

    private static byte[] encode(BufferedImage image, String format, float quality) throws IOException {
        BufferedImage out = image;
        if (format.equals("jpg") && image.getColorModel().hasAlpha()) {
            // JPEG has no alpha: flatten onto white rather than let transparent pixels turn black
            out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var builder = Thumbnails.of(out).scale(1.0).outputFormat(format);
        if (format.equals("jpg")) {
            builder.outputQuality(quality);
        }
        builder.toOutputStream(bytes);
        return bytes.toByteArray();
    }
}
