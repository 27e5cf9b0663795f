"""The line's outputs: every verdict out to MQTT, a webhook and an OPC UA server, through an outbox on disk.

:mod:`.config` says where they go, :mod:`.outbox` keeps every event until its output has delivered it, :mod:`.mqtt`
and :mod:`.webhook` deliver, :mod:`.opcua` serves the line's state, and :mod:`.hub` runs them together for the window
and ``run --headless``.
"""
