"""pika, as std_daq_service's agents and ServiceX transformers use it: confirm_delivery, a
consumer that rejects one message without requeue and acknowledges the others.

usage: pika_client.py PORT USER PASSWORD QUEUE; prints OK and the bodies acknowledged.
"""
import sys

import pika

port, user, password, queue = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
connection = pika.BlockingConnection(pika.ConnectionParameters(
    "127.0.0.1", port, credentials=pika.PlainCredentials(user, password), blocked_connection_timeout=30))
channel = connection.channel()
channel.confirm_delivery()  # pika refuses unless the broker says publisher_confirms and basic.nack
channel.queue_declare(queue, auto_delete=True)
for body in (b"bad-request", b"good-1", b"good-2"):
    channel.basic_publish("", queue, body, mandatory=True)
acknowledged = []
deliveries = 0
for method, properties, body in channel.consume(queue, inactivity_timeout=2):
    if method is None:
        break  # nothing more within 2 s: a rejected message did not come back
    deliveries += 1
    if body == b"bad-request":
        channel.basic_reject(method.delivery_tag, requeue=False)
    else:
        channel.basic_ack(method.delivery_tag)
        acknowledged.append(body.decode())
    if deliveries > 20:
        break
channel.cancel()
connection.close()
assert deliveries == 3, "%d deliveries: the rejected message came back" % deliveries
print("OK", acknowledged)
