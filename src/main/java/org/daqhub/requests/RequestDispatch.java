package org.daqhub.requests;

import java.util.List;

/**
 * What the request beans hand to the routes (routes/requests.yaml): transformer messages to
 * publish, and requests that ended (their queue and transformers go, a hub event is published).
 */
public interface RequestDispatch {

    void publish(List<Delivery> deliveries);

    void ended(TransformRequest request);
}
