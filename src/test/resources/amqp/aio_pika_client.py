"""aio-pika (aiormq), as Squonk2's publisher uses it: connect, publish with confirms, consume.

usage: aio_pika_client.py PORT USER PASSWORD QUEUE; prints OK and the capabilities it saw.
"""
import asyncio
import sys

import aio_pika
from pamqp.commands import Basic


async def main(port, user, password, queue):
    connection = await aio_pika.connect_robust(f"amqp://{user}:{password}@127.0.0.1:{port}/")
    capabilities = connection.transport.connection.server_capabilities
    channel = await connection.channel(publisher_confirms=True)
    declared = await channel.declare_queue(queue, auto_delete=True)
    for i in range(10):
        confirmation = await channel.default_exchange.publish(aio_pika.Message(b"event-%d" % i), routing_key=queue)
        assert isinstance(confirmation, Basic.Ack), confirmation
    received = []
    async with declared.iterator() as messages:
        async for message in messages:
            async with message.process():
                received.append(message.body)
            if len(received) == 10:
                break
    assert received == [b"event-%d" % i for i in range(10)], received
    await connection.close()
    print("OK", sorted(k for k, v in capabilities.items() if v))


asyncio.run(asyncio.wait_for(main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]), 30))
