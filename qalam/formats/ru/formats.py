# «25 ноября 2026, 15:43»: the month in the genitive, as Russian writes a date.
DATETIME_FORMAT = "j E Y, H:i"
DATE_FORMAT = "j E Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
