import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes a JPEG of noise that is about the size asked: java bench/NoiseJpeg.java OUT WIDTH HEIGHT. */
public class NoiseJpeg {
    public static void main(String[] a) throws Exception {
        int w = Integer.parseInt(a[1]);
        int h = Integer.parseInt(a[2]);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        ImageIO.write(image, "jpg", new File(a[0]));
    }
}
