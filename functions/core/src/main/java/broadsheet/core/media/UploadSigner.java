package broadsheet.core.media;

import java.time.Duration;

/** Signs a one-time upload (S3 presigned PUT in AWS): the URL accepts exactly this key, type and size. */
public interface UploadSigner {

    /**
     * @param validFor how long the URL should work; it may work for less (see {@link SignedUpload#expiresAt()}),
     *                 never for more
     */
    SignedUpload signPut(MediaUploads.Upload upload, Duration validFor);
}
