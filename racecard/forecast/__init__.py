"""Patient-based forecasts: funnel, share, uptake, price and LOE over trial x market x product x year.

Entry points: :func:`racecard.forecast.loader.load_case`, :func:`racecard.forecast.engine.run`,
:func:`racecard.forecast.api.forecast` (everything the ``racecard forecast`` command shows).
"""
