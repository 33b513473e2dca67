"""The python view: what each module of the `python` template set holds, computed from
the IR in plain Python, so that the templates only loop and print."""
