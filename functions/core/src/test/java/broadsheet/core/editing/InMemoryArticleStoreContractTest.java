package broadsheet.core.editing;

import broadsheet.core.editing.ArticleStoreContract;

import broadsheet.core.editing.ArticleStore;
import broadsheet.core.editing.InMemoryArticleStore;

/** The in-memory {@link ArticleStore} keeps the same contract as the AWS adapter. */
class InMemoryArticleStoreContractTest extends ArticleStoreContract {

    @Override
    protected ArticleStore newStore() {
        return new InMemoryArticleStore();
    }
}
