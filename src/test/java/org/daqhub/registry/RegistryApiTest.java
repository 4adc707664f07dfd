package org.daqhub.registry;

import org.daqhub.support.HubTestSupport;

/** The registry API against the in-memory store of the embedded default. */
class RegistryApiTest extends HubTestSupport implements RegistryApiContract {
}
