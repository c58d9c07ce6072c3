package broadsheet.core.media;

import java.net.URI;
import java.time.Duration;

/** Signs a one-time upload (S3 presigned PUT in AWS): the URL accepts exactly this key, type and size. */
public interface UploadSigner {

    URI signPut(MediaUploads.Upload upload, Duration validFor);
}
