package broadsheet.core.listing;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingStore;

import tools.jackson.databind.json.JsonMapper;

/** The stored text form of a {@link Listing} (JSON), shared by every {@link ListingStore}. */
public final class ListingCodec {

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String encode(Listing listing) {
        return mapper.writeValueAsString(listing);
    }

    public Listing decode(String text) {
        return mapper.readValue(text, Listing.class);
    }
}
