package dev.parley.realtime;

/** The single-node broker keeps the contract. */
class LocalBrokerTest extends BrokerContract {
    @Override
    Broker broker(Hub hub) {
        return new LocalBroker(hub);
    }
}
