package broadsheet.aws;

import broadsheet.core.publish.ListingCodec;
import broadsheet.core.publish.ListingId;
import broadsheet.core.publish.ListingStore;
import broadsheet.core.publish.ListingStoreContract;
import broadsheet.local.servers.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoListingStoreTest extends ListingStoreContract {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);

    @Override
    protected ListingStore newStore() {
        return new DynamoListingStore(aws.dynamoDb(), aws.tableName());
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
