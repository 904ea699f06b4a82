<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an RSS 2.0 or Atom feed of the portal as a readable page when someone opens it in a
  browser (feed readers ignore this file). Every feed carries
  <?xml-stylesheet type="text/xsl" href="…/assets/feed.xsl"?>. Texts in Vietnamese, or in
  English when the feed's language is English. XSLT 1.0, no script, no third-party assets.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="language" select="string(/rss/channel/language | /atom:feed/@xml:lang)"/>
  <xsl:variable name="en" select="starts-with($language, 'en')"/>
  <xsl:variable name="is-atom" select="boolean(/atom:feed)"/>
  <xsl:variable name="title" select="string(/rss/channel/title | /atom:feed/atom:title)"/>
  <xsl:variable name="description" select="string(/rss/channel/description | /atom:feed/atom:subtitle)"/>
  <xsl:variable name="page" select="string(/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href)"/>
  <xsl:variable name="self" select="string(/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href)"/>
  <xsl:variable name="kind">
    <xsl:choose>
      <xsl:when test="$is-atom">Atom</xsl:when>
      <xsl:otherwise>RSS</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="$en">en</xsl:when>
          <xsl:otherwise>vi</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:value-of select="$title"/>
          <xsl:choose>
            <xsl:when test="$en"> – <xsl:value-of select="$kind"/> feed</xsl:when>
            <xsl:otherwise> – Nguồn tin <xsl:value-of select="$kind"/></xsl:otherwise>
          </xsl:choose>
        </title>
        <style>
          body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #222; background: #fafafa; line-height: 1.5; }
          .feed-header { background: #c62828; color: #fff; padding: 1.2rem 1rem; }
          .feed-header a { color: #fff; }
          .feed-kicker { margin: 0; font-size: .85rem; text-transform: uppercase; letter-spacing: .08em; color: #ffeb3b; }
          h1 { margin: .2rem 0; font-size: 1.5rem; }
          .feed-wrap { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
          .feed-about { background: #fff8e1; border-left: 4px solid #f9a825; padding: .8rem 1rem; margin: 1rem 0; }
          .feed-about code { word-break: break-all; background: #fff; padding: .1rem .3rem; }
          .feed-items { list-style: none; margin: 0; padding: 0; }
          .feed-items li { background: #fff; border-bottom: 1px solid #e0e0e0; padding: .8rem 1rem; }
          .feed-items h2 { margin: 0; font-size: 1.05rem; }
          .feed-items h2 a { color: #b71c1c; text-decoration: none; }
          .feed-items h2 a:hover, .feed-items h2 a:focus { text-decoration: underline; }
          .feed-date { color: #666; font-size: .85rem; margin: .2rem 0; }
          .feed-summary { margin: .2rem 0 0; }
          .feed-footer { padding: 1rem 0 2rem; }
        </style>
      </head>
      <body>
        <header class="feed-header">
          <div class="feed-wrap">
            <p class="feed-kicker">
              <xsl:choose>
                <xsl:when test="$en"><xsl:value-of select="$kind"/> feed</xsl:when>
                <xsl:otherwise>Nguồn tin <xsl:value-of select="$kind"/></xsl:otherwise>
              </xsl:choose>
            </p>
            <h1><a href="{$page}"><xsl:value-of select="$title"/></a></h1>
            <xsl:if test="$description != $title">
              <p><xsl:value-of select="$description"/></p>
            </xsl:if>
          </div>
        </header>
        <main class="feed-wrap">
          <section class="feed-about">
            <xsl:choose>
              <xsl:when test="$en">
                <p><strong>This is an <xsl:value-of select="$kind"/> feed</strong> of <a href="{$page}"><xsl:value-of select="$title"/></a>.
                  A feed reader (RSS reader) shows you new articles as soon as they are published, without visiting the site:
                  copy the address of this page into your feed reader to subscribe.</p>
                <p>Feed address: <code><xsl:value-of select="$self"/></code></p>
              </xsl:when>
              <xsl:otherwise>
                <p><strong>Đây là nguồn tin <xsl:value-of select="$kind"/></strong> của <a href="{$page}"><xsl:value-of select="$title"/></a>.
                  Ứng dụng đọc tin (RSS reader) giúp bạn nhận tin mới ngay khi được đăng mà không cần vào trang:
                  sao chép địa chỉ của trang này vào ứng dụng đọc tin để đăng ký.</p>
                <p>Địa chỉ nguồn tin: <code><xsl:value-of select="$self"/></code></p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
          <h2>
            <xsl:choose>
              <xsl:when test="$en">Latest news</xsl:when>
              <xsl:otherwise>Tin mới nhất</xsl:otherwise>
            </xsl:choose>
          </h2>
          <ol class="feed-items">
            <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
          </ol>
          <p class="feed-footer">
            <a href="{$page}">
              <xsl:choose>
                <xsl:when test="$en">Visit the website ›</xsl:when>
                <xsl:otherwise>Xem trên trang web ›</xsl:otherwise>
              </xsl:choose>
            </a>
          </p>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li class="feed-item">
      <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="feed-date">
        <time datetime="{pubDate}">
          <xsl:call-template name="rfc822-date">
            <xsl:with-param name="value" select="string(pubDate)"/>
          </xsl:call-template>
        </time>
        <xsl:if test="category"> · <xsl:value-of select="category"/></xsl:if>
      </p>
      <xsl:if test="description">
        <p class="feed-summary"><xsl:value-of select="description"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="feed-item">
      <h2><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
      <p class="feed-date">
        <time datetime="{atom:published | atom:updated[not(../atom:published)]}">
          <xsl:call-template name="iso-date">
            <xsl:with-param name="value" select="string(atom:published | atom:updated[not(../atom:published)])"/>
          </xsl:call-template>
        </time>
        <xsl:if test="atom:category/@label"> · <xsl:value-of select="atom:category/@label"/></xsl:if>
      </p>
      <xsl:if test="atom:summary">
        <p class="feed-summary"><xsl:value-of select="atom:summary"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- "Wed, 15 Jan 2025 16:17:00 +0700" → "15/01/2025 16:17"; anything else is shown as is. -->
  <xsl:template name="rfc822-date">
    <xsl:param name="value"/>
    <xsl:variable name="rest" select="normalize-space(substring-after($value, ','))"/>
    <xsl:variable name="month-name" select="substring($rest, 4, 3)"/>
    <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
    <xsl:choose>
      <xsl:when test="string-length($rest) &gt;= 17 and contains($months, $month-name) and string-length($month-name) = 3">
        <xsl:value-of select="substring($rest, 1, 2)"/>
        <xsl:text>/</xsl:text>
        <xsl:value-of select="format-number(string-length(substring-before($months, $month-name)) div 3 + 1, '00')"/>
        <xsl:text>/</xsl:text>
        <xsl:value-of select="substring($rest, 8, 4)"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($rest, 13, 5)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2025-01-15T16:17:00+07:00" → "15/01/2025 16:17". -->
  <xsl:template name="iso-date">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string-length($value) &gt;= 16 and substring($value, 11, 1) = 'T'">
        <xsl:value-of select="concat(substring($value, 9, 2), '/', substring($value, 6, 2), '/', substring($value, 1, 4), ' ', substring($value, 12, 5))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
