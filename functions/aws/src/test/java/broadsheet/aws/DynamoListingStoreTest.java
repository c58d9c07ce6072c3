package broadsheet.aws;

import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingScan;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.ListingStoreContract;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoListingStoreTest extends ListingStoreContract {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Override
    protected ListingStore newStore() {
        return new DynamoListingStore(aws.dynamoDb(), aws.tableName());
    }

    @Test
    void theScanReturnsListingsOnlyAndPagesPastItemsOfOtherKinds() {
        for (int i = 0; i < 5; i++) {
            String slug = "other-" + i;
            aws.dynamoDb().putItem(b -> b.tableName(aws.tableName()).item(Map.of(
                    "pk", AttributeValue.fromS("article#" + slug), "sk", AttributeValue.fromS("article"),
                    "body", AttributeValue.fromS("x".repeat(1000)))));
            store.put(ListingId.authorFront("author-" + i), listing("a" + i), 0);
        }
        DynamoListingStore scan = (DynamoListingStore) store;

        ListingScan.ScanPage first = scan.scan(0, 1, Optional.empty(), 3);
        ListingScan.ScanPage rest = scan.scan(0, 1, first.nextCursor(), 3);

        assertThat(first.listings()).hasSize(3);
        assertThat(first.nextCursor()).isPresent();
        assertThat(rest.listings()).hasSize(2).doesNotContainKeys(first.listings().keySet().toArray(ListingId[]::new));
        assertThat(rest.nextCursor()).isEmpty();
    }

    @Test
    void storesTheListingAsVersionAndCodecJson() {
        store.put(ListingId.sectionFront("world"), listing("a", "b"), 0);

        Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName(aws.tableName())
                .consistentRead(true).key(DynamoListingStore.key(ListingId.sectionFront("world")))).item();
        assertThat(item.get("pk").s()).isEqualTo("listing#section/world/front");
        assertThat(item.get("sk").s()).isEqualTo("listing");
        assertThat(item.get("version").n()).isEqualTo("1");
        assertThat(new ListingCodec().decode(item.get("doc").s())).isEqualTo(listing("a", "b"));
    }
}
