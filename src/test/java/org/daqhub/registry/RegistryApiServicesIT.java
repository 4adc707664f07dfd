package org.daqhub.registry;

import org.daqhub.support.ServicesTestSupport;

/** The same API tests against the Redis store of the services profile. */
class RegistryApiServicesIT extends ServicesTestSupport implements RegistryApiContract {
}
