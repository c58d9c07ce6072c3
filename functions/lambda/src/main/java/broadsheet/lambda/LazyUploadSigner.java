package broadsheet.lambda;

import broadsheet.core.media.MediaUploads;
import broadsheet.core.media.UploadSigner;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * An {@link UploadSigner} built at its first use: only media uploads sign URLs, so the API
 * function does not build the S3 presigner (and load its classes) during every cold start.
 */
final class LazyUploadSigner implements UploadSigner {

    private final Supplier<UploadSigner> factory;
    private volatile UploadSigner signer;

    LazyUploadSigner(Supplier<UploadSigner> factory) {
        this.factory = factory;
    }

    @Override
    public URI signPut(MediaUploads.Upload upload, Duration validFor) {
        UploadSigner built = signer;
        if (built == null) {
            synchronized (this) {
                built = signer;
                if (built == null) {
                    built = factory.get();
                    signer = built;
                }
            }
        }
        return built.signPut(upload, validFor);
    }
}
