CREATE TABLE token_prices (
  `row_id` INT64,
  `model_id` STRING,
  `provider` STRING,
  `currency` STRING,
  `variant` STRING,
  `time_window` STRING,
  `week_minute_from` INT64,
  `week_minute_to` INT64,
  `period_start` TIMESTAMP,
  `period_end` TIMESTAMP,
  `tier` INT64,
  `tier_min_input_tokens` INT64,
  `tier_max_input_tokens` INT64,
  `input_rate` BIGNUMERIC,
  `cache_read_rate` BIGNUMERIC,
  `cache_write_rate` BIGNUMERIC,
  `cache_write_1h_rate` BIGNUMERIC,
  `output_rate` BIGNUMERIC,
  `reasoning_rate` BIGNUMERIC,
  `input_audio_rate` BIGNUMERIC,
  `input_image_rate` BIGNUMERIC,
  `input_video_rate` BIGNUMERIC,
  `output_audio_rate` BIGNUMERIC,
  `output_image_rate` BIGNUMERIC,
  `cache_read_audio_rate` BIGNUMERIC,
  `request_rate` BIGNUMERIC,
  `source` STRING,
  `source_kind` STRING,
  `checked` DATE
);

INSERT INTO token_prices (`row_id`, `model_id`, `provider`, `currency`, `variant`, `time_window`, `week_minute_from`, `week_minute_to`, `period_start`, `period_end`, `tier`, `tier_min_input_tokens`, `tier_max_input_tokens`, `input_rate`, `cache_read_rate`, `cache_write_rate`, `cache_write_1h_rate`, `output_rate`, `reasoning_rate`, `input_audio_rate`, `input_image_rate`, `input_video_rate`, `output_audio_rate`, `output_image_rate`, `cache_read_audio_rate`, `request_rate`, `source`, `source_kind`, `checked`) VALUES
(1, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, -1, 10080, CAST('2026-01-01 00:00:00' AS TIMESTAMP), CAST('2026-06-01 00:00:00' AS TIMESTAMP), 0, 0, 200001, BIGNUMERIC '0.00000125000000000000', BIGNUMERIC '0.00000012500000000000', BIGNUMERIC '0.00000156250000000000', BIGNUMERIC '0.00000250000000000000', BIGNUMERIC '0.00001000000000000000', BIGNUMERIC '0.00001200000000000100', NULL, NULL, NULL, NULL, NULL, BIGNUMERIC '0.00000043750000000000', BIGNUMERIC '0.00070000000000000000', 'tests', NULL, DATE '2026-01-01'),
(2, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, -1, 10080, CAST('2026-01-01 00:00:00' AS TIMESTAMP), CAST('2026-06-01 00:00:00' AS TIMESTAMP), 1, 200001, NULL, BIGNUMERIC '0.00000250000000000000', BIGNUMERIC '0.00000012500000000000', BIGNUMERIC '0.00000156250000000000', BIGNUMERIC '0.00000250000000000000', BIGNUMERIC '0.00001500000000000000', BIGNUMERIC '0.00001200000000000100', NULL, NULL, NULL, NULL, NULL, BIGNUMERIC '0.00000043750000000000', BIGNUMERIC '0.00070000000000000000', 'tests', NULL, DATE '2026-01-01'),
(3, 'lab:lab-1', 'lab', 'USD', 'batch', NULL, -1, 10080, CAST('2026-01-01 00:00:00' AS TIMESTAMP), CAST('2026-06-01 00:00:00' AS TIMESTAMP), 0, 0, NULL, BIGNUMERIC '0.00000062500000000000', BIGNUMERIC '0.00000012500000000000', BIGNUMERIC '0.00000156250000000000', BIGNUMERIC '0.00000250000000000000', BIGNUMERIC '0.00000500000000000000', BIGNUMERIC '0.00001200000000000100', NULL, NULL, NULL, NULL, NULL, BIGNUMERIC '0.00000043750000000000', BIGNUMERIC '0.00070000000000000000', 'tests', NULL, DATE '2026-01-01'),
(4, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, -1, 0, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(5, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, -1, 0, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(6, 'lab:lab-1', 'lab', 'USD', 'standard', 'off-peak', 0, 30, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000075000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000600000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(7, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 30, 360, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(8, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 360, 990, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(9, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 360, 990, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(10, 'lab:lab-1', 'lab', 'USD', 'standard', 'off-peak', 990, 1470, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000075000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000600000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(11, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 1470, 1800, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(12, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 1800, 2430, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(13, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 1800, 2430, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(14, 'lab:lab-1', 'lab', 'USD', 'standard', 'off-peak', 2430, 2910, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000075000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000600000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(15, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 2910, 3240, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(16, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 3240, 3870, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(17, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 3240, 3870, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(18, 'lab:lab-1', 'lab', 'USD', 'standard', 'off-peak', 3870, 4350, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000075000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000600000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(19, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 4350, 4680, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(20, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 4680, 5310, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(21, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 4680, 5310, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(22, 'lab:lab-1', 'lab', 'USD', 'standard', 'off-peak', 5310, 5790, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000075000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000600000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(23, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 5790, 6120, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(24, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 6120, 6750, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(25, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 6120, 6750, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(26, 'lab:lab-1', 'lab', 'USD', 'standard', 'off-peak', 6750, 7200, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000075000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000600000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(27, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 7200, 7560, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(28, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 7560, 8520, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(29, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 7560, 8520, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(30, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 8520, 9000, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(31, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 9000, 9960, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, 100000, BIGNUMERIC '0.00000150000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001200000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(32, 'lab:lab-1', 'lab', 'USD', 'standard', NULL, 9000, 9960, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 1, 100000, NULL, BIGNUMERIC '0.00000300000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00001800000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(33, 'lab:lab-1', 'lab', 'USD', 'standard', 'night', 9960, 10080, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000050000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000412345678900000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(34, 'lab:lab-1', 'lab', 'USD', 'flex', NULL, -1, 10080, CAST('2026-06-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000090000000000000', BIGNUMERIC '0.00000015000000000000', BIGNUMERIC '0.00000187500000000000', NULL, BIGNUMERIC '0.00000720000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-06-01'),
(35, 'lab:lab-embed', 'lab', 'USD', 'standard', NULL, -1, 10080, CAST('2026-01-01 00:00:00' AS TIMESTAMP), NULL, 0, 0, NULL, BIGNUMERIC '0.00000002000000000000', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tests', NULL, DATE '2026-01-01');

CREATE TABLE token_names (
  `name` STRING,
  `model_id` STRING
);

INSERT INTO token_names (`name`, `model_id`) VALUES
('lab-1', 'lab:lab-1'),
('lab-embed', 'lab:lab-embed'),
('lab-one', 'lab:lab-1'),
('lab:lab-1', 'lab:lab-1'),
('lab:lab-embed', 'lab:lab-embed'),
('lab:lab-one', 'lab:lab-1');

CREATE VIEW usage_rows AS
SELECT
  LOWER(TRIM(t.`model`)) AS name,
  CAST(t.`timestamp` AS DATE) AS day,
  ((MOD(EXTRACT(DAYOFWEEK FROM t.`timestamp`) + 5, 7) + 1) - 1) * 1440 + CAST(EXTRACT(HOUR FROM t.`timestamp`) AS INTEGER) * 60 + CAST(EXTRACT(MINUTE FROM t.`timestamp`) AS INTEGER) AS week_minute,
  COALESCE(t.`variant`, 'standard') AS variant,
  COALESCE(t.`prompt_tokens`, 0) AS input_tokens,
  COALESCE(t.`output_tokens`, 0) AS output_tokens,
  COALESCE(t.`cache_read_tokens`, 0) AS cache_read_tokens,
  COALESCE(t.`cache_write_tokens`, 0) AS cache_write_tokens,
  COALESCE(t.`cache_write_1h_tokens`, 0) AS cache_write_1h_tokens,
  0 AS reasoning_tokens,
  0 AS input_audio_tokens,
  0 AS input_image_tokens,
  0 AS input_video_tokens,
  0 AS output_audio_tokens,
  0 AS output_image_tokens,
  0 AS cache_read_audio_tokens,
  t.`customer` AS `customer`
FROM analytics.llm_usage AS t;

CREATE VIEW priced_usage AS
SELECT u.name, u.day, u.week_minute, u.variant, u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens, u.cache_write_1h_tokens, u.reasoning_tokens, u.input_audio_tokens, u.input_image_tokens, u.input_video_tokens, u.output_audio_tokens, u.output_image_tokens, u.cache_read_audio_tokens, u.customer, p.row_id, p.model_id, p.currency, p.time_window, p.tier, p.period_start, p.week_minute_to AS row_week_minute_to, p.period_end AS row_period_end, (u.input_tokens - u.cache_read_tokens - u.cache_write_tokens - u.cache_write_1h_tokens - u.input_audio_tokens - u.input_image_tokens - u.input_video_tokens) * p.input_rate AS input_cost, CASE WHEN (u.cache_read_tokens - u.cache_read_audio_tokens) = 0 THEN 0 ELSE (u.cache_read_tokens - u.cache_read_audio_tokens) * p.cache_read_rate END AS cache_read_cost, CASE WHEN u.cache_read_audio_tokens = 0 THEN 0 ELSE u.cache_read_audio_tokens * p.cache_read_audio_rate END AS cache_read_audio_cost, CASE WHEN u.cache_write_tokens = 0 THEN 0 ELSE u.cache_write_tokens * p.cache_write_rate END AS cache_write_cost, CASE WHEN u.cache_write_1h_tokens = 0 THEN 0 ELSE u.cache_write_1h_tokens * p.cache_write_1h_rate END AS cache_write_1h_cost, (u.output_tokens - CASE WHEN p.reasoning_rate IS NULL THEN 0 ELSE u.reasoning_tokens END - u.output_audio_tokens - u.output_image_tokens) * p.output_rate AS output_cost, CASE WHEN p.reasoning_rate IS NULL THEN 0 ELSE u.reasoning_tokens * p.reasoning_rate END AS reasoning_cost, CASE WHEN u.input_audio_tokens = 0 THEN 0 ELSE u.input_audio_tokens * p.input_audio_rate END AS input_audio_cost, CASE WHEN u.input_image_tokens = 0 THEN 0 ELSE u.input_image_tokens * p.input_image_rate END AS input_image_cost, CASE WHEN u.input_video_tokens = 0 THEN 0 ELSE u.input_video_tokens * p.input_video_rate END AS input_video_cost, CASE WHEN u.output_audio_tokens = 0 THEN 0 ELSE u.output_audio_tokens * p.output_audio_rate END AS output_audio_cost, CASE WHEN u.output_image_tokens = 0 THEN 0 ELSE u.output_image_tokens * p.output_image_rate END AS output_image_cost, COALESCE(p.request_rate, 0) AS request_cost, ((u.input_tokens - u.cache_read_tokens - u.cache_write_tokens - u.cache_write_1h_tokens - u.input_audio_tokens - u.input_image_tokens - u.input_video_tokens) * p.input_rate) + (CASE WHEN (u.cache_read_tokens - u.cache_read_audio_tokens) = 0 THEN 0 ELSE (u.cache_read_tokens - u.cache_read_audio_tokens) * p.cache_read_rate END) + (CASE WHEN u.cache_read_audio_tokens = 0 THEN 0 ELSE u.cache_read_audio_tokens * p.cache_read_audio_rate END) + (CASE WHEN u.cache_write_tokens = 0 THEN 0 ELSE u.cache_write_tokens * p.cache_write_rate END) + (CASE WHEN u.cache_write_1h_tokens = 0 THEN 0 ELSE u.cache_write_1h_tokens * p.cache_write_1h_rate END) + ((u.output_tokens - CASE WHEN p.reasoning_rate IS NULL THEN 0 ELSE u.reasoning_tokens END - u.output_audio_tokens - u.output_image_tokens) * p.output_rate) + (CASE WHEN p.reasoning_rate IS NULL THEN 0 ELSE u.reasoning_tokens * p.reasoning_rate END) + (CASE WHEN u.input_audio_tokens = 0 THEN 0 ELSE u.input_audio_tokens * p.input_audio_rate END) + (CASE WHEN u.input_image_tokens = 0 THEN 0 ELSE u.input_image_tokens * p.input_image_rate END) + (CASE WHEN u.input_video_tokens = 0 THEN 0 ELSE u.input_video_tokens * p.input_video_rate END) + (CASE WHEN u.output_audio_tokens = 0 THEN 0 ELSE u.output_audio_tokens * p.output_audio_rate END) + (CASE WHEN u.output_image_tokens = 0 THEN 0 ELSE u.output_image_tokens * p.output_image_rate END) + (COALESCE(p.request_rate, 0)) AS cost FROM usage_rows AS u LEFT JOIN token_names AS n ON n.name = u.name LEFT JOIN token_prices AS p ON p.model_id = n.model_id AND p.variant = u.variant AND (p.period_start IS NULL OR u.day > CAST(p.period_start AS DATE) OR (u.day = CAST(p.period_start AS DATE) AND CASE WHEN u.week_minute < 0 THEN 0 ELSE MOD(u.week_minute, 1440) END >= (CAST(EXTRACT(HOUR FROM p.period_start) AS INT64) * 60 + CAST(EXTRACT(MINUTE FROM p.period_start) AS INT64)))) AND (p.period_end IS NULL OR u.day < CAST(p.period_end AS DATE) OR (u.day = CAST(p.period_end AS DATE) AND u.week_minute >= 0 AND MOD(u.week_minute, 1440) < (CAST(EXTRACT(HOUR FROM p.period_end) AS INT64) * 60 + CAST(EXTRACT(MINUTE FROM p.period_end) AS INT64)))) AND u.week_minute >= p.week_minute_from AND u.week_minute < p.week_minute_to AND u.input_tokens >= p.tier_min_input_tokens AND (p.tier_max_input_tokens IS NULL OR u.input_tokens < p.tier_max_input_tokens);

SELECT model_id, currency, `customer`, COUNT(*) AS records, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens, SUM(cache_write_1h_tokens) AS cache_write_1h_tokens, SUM(reasoning_tokens) AS reasoning_tokens, SUM(input_audio_tokens) AS input_audio_tokens, SUM(input_image_tokens) AS input_image_tokens, SUM(input_video_tokens) AS input_video_tokens, SUM(output_audio_tokens) AS output_audio_tokens, SUM(output_image_tokens) AS output_image_tokens, SUM(cache_read_audio_tokens) AS cache_read_audio_tokens, SUM(cost) AS total, COUNT(*) - COUNT(cost) AS unpriced_records
FROM priced_usage
GROUP BY model_id, currency, `customer`
ORDER BY model_id, currency, `customer`;
