"""The httpx client every model request goes through, with the run's `Gate` around
each exchange.

Why the gate sits here, around the HTTP exchange only, and not around the SDK call:
building a request and parsing an answer are CPU work on the one event loop. Held
inside a slot, that work kept the slot from the next request while the server sat
idle; at --concurrency 8 and 200 ms answers it cost about a tenth of the run. Here a
slot is held from send to the last byte of the body, which is exactly what the server
sees, and the SDK's retries pass through it like any other request.

A subclass of `httpx.AsyncClient` rather than a transport: a client given its own
transport no longer honours HTTPS_PROXY and the other proxy variables.
"""

from __future__ import annotations

import asyncio

import httpx


class GatedClient(httpx.AsyncClient):
    def __init__(self, gate, **options):
        super().__init__(**options)
        self.gate = gate

    async def send(self, request, **options):
        async with self.gate.slots:
            await self.gate.before_request(request)
            response = await super().send(request, **options)
            self.gate.after_response(response)
        # Whoever waits for the slot goes first: it sends its request now, and this
        # task's parsing and checking overlap with that wait instead of delaying it.
        await asyncio.sleep(0)
        return response
