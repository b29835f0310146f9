package io.quire.media;

/** How the bytes of an upload session arrive: put by the client straight to storage, or fetched from a URL. */
public enum UploadSource {
    DIRECT,
    URL
}
