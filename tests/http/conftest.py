import os

import pytest

from tests.support.server import Server


@pytest.fixture(scope="session")
def server():
	srv = Server(os.environ["FRAPPE_BENCH"], os.environ["SLUP_TEST_SITE"]).start()
	yield srv
	srv.stop()
