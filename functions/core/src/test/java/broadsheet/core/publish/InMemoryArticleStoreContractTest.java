package broadsheet.core.publish;

/** The in-memory {@link ArticleStore} keeps the same contract as the AWS adapter. */
class InMemoryArticleStoreContractTest extends ArticleStoreContract {

    @Override
    protected ArticleStore newStore() {
        return new InMemoryArticleStore();
    }
}
