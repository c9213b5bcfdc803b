// The page every route answers while the database is unreachable: plain, no data, no details.
export const UNAVAILABLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable · Regimen</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5;">
<main>
<h1>Regimen is temporarily unavailable</h1>
<p>We cannot reach our records right now. Nothing you saved is lost.</p>
<p>Please try again in a minute. If you need help with your exercises before then, call your clinic.</p>
</main>
</body>
</html>`;
