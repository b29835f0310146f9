package io.quire.media;

/**
 * Where an upload that spans more than one request stands: a direct upload is PENDING until its bytes are put
 * (UPLOADED, for the local store; S3 is only asked at completion), a fetch PENDING until the workers are done; both
 * end COMPLETED (a file exists) or FAILED (why is kept).
 */
public enum UploadStatus {
    PENDING,
    UPLOADED,
    COMPLETED,
    FAILED
}
